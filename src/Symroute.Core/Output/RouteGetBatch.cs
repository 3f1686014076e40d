using System.Text;
using Symroute.Model;
using Symroute.Simulation;

namespace Symroute.Output;

/// <summary>
/// <c>route get --batch</c>: one answer line per query line, in order. Lines are read as UTF-8
/// bytes, split as StreamReader splits them, answered by <see cref="RouteGetAnswers"/> (a large
/// run of lines in two halves on two threads, the simulator being thread-safe) and written as
/// UTF-8 bytes in large chunks.
/// </summary>
public sealed class RouteGetBatch
{
    /// <summary>Lines below which a run is answered on one thread (handing over costs more).</summary>
    private const int ParallelLines = 4096;

    private const int ChunkBytes = 1 << 18;

    private readonly RouteGetAnswers _first;
    private readonly RouteGetAnswers? _second;
    private readonly Stream? _rawOutput;
    private readonly TextWriter _output;
    private readonly List<Range> _lines = [];

    /// <param name="rawOutput">Where answers go as bytes (the process's stdout); null to write them to <paramref name="output"/> as text.</param>
    public RouteGetBatch(Simulator sim, TableNames names, Family? family, Stream? rawOutput, TextWriter output, TextWriter errors)
    {
        _first = new RouteGetAnswers(sim, names, family, errors);
        if (Environment.ProcessorCount > 1)
            _second = new RouteGetAnswers(sim, names, family, errors);
        _rawOutput = rawOutput;
        _output = output;
    }

    /// <summary>Answers every line of a byte stream (a file, the process's stdin), as StreamReader would split and decode it.</summary>
    public void Run(Stream input)
    {
        var buffer = new byte[1 << 20];
        int start = 0, end = 0;
        bool first = true, pendingCr = false;
        while (true)
        {
            if (start > 0 && start == end)
                start = end = 0;
            if (end == buffer.Length)
            {
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }
                else
                {
                    Array.Resize(ref buffer, buffer.Length * 2); // one line longer than the buffer
                }
            }
            int read = input.Read(buffer, end, buffer.Length - end);
            if (first && read > 0)
            {
                first = false;
                // StreamReader's byte order marks: UTF-8 is skipped; UTF-16 and UTF-32 inputs are
                // decoded by a StreamReader over the whole input instead.
                if (read >= 2 && (buffer[0], buffer[1]) is (0xFE, 0xFF) or (0xFF, 0xFE))
                {
                    var rest = new MemoryStream();
                    rest.Write(buffer, 0, read);
                    input.CopyTo(rest);
                    rest.Position = 0;
                    using var reader = new StreamReader(rest, Encoding.UTF8, true);
                    Run(reader);
                    return;
                }
                if (read >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
                    start = 3;
            }
            end += read;
            int i = start;
            while (true)
            {
                if (pendingCr && i < end)
                {
                    // "\r\n" is one line end.
                    if (buffer[i] == (byte)'\n')
                        start = ++i;
                    pendingCr = false;
                }
                int nl = buffer.AsSpan(i, end - i).IndexOfAny((byte)'\n', (byte)'\r');
                if (nl < 0)
                    break;
                _lines.Add(start..(i + nl));
                pendingCr = buffer[i + nl] == (byte)'\r';
                start = i = i + nl + 1;
            }
            if (read == 0 && start < end)
                _lines.Add(start..end);
            // The lines refer to the buffer: answered before it is refilled.
            AnswerLines(buffer);
            if (read == 0)
                break;
        }
        Flush();
    }

    /// <summary>Answers every line of a text reader (tests, a redirected console), on one thread.</summary>
    public void Run(TextReader input)
    {
        var bytes = new byte[256];
        string? line;
        while ((line = input.ReadLine()) is not null)
        {
            if (Ascii.IsValid(line))
            {
                if (bytes.Length < line.Length)
                    bytes = new byte[line.Length * 2];
                int n = Encoding.ASCII.GetBytes(line.AsSpan(), bytes);
                _first.Answer(bytes.AsSpan(0, n));
            }
            else
            {
                _first.Answer(line);
            }
            if (_first.WrittenCount >= ChunkBytes)
                Write(_first);
        }
        Flush();
    }

    private void AnswerLines(byte[] buffer)
    {
        if (_lines.Count == 0)
            return;
        int half = _second is null || _lines.Count < ParallelLines ? _lines.Count : _lines.Count / 2;
        Task? second = half == _lines.Count ? null : Task.Run(() => Answer(_second!, buffer, half, _lines.Count));
        Answer(_first, buffer, 0, half);
        Write(_first);
        if (second is not null)
        {
            second.GetAwaiter().GetResult();
            Write(_second!);
        }
        _lines.Clear();
    }

    private void Answer(RouteGetAnswers answers, byte[] buffer, int from, int to)
    {
        for (int k = from; k < to; k++)
            answers.Answer(buffer.AsSpan(_lines[k]));
    }

    private void Write(RouteGetAnswers answers)
    {
        if (answers.WrittenCount == 0)
            return;
        if (_rawOutput is not null)
            _rawOutput.Write(answers.Written);
        else
            _output.Write(Encoding.UTF8.GetString(answers.Written));
        answers.Clear();
    }

    private void Flush()
    {
        Write(_first);
        if (_rawOutput is not null)
            _rawOutput.Flush();
        else
            _output.Flush();
    }
}
