using System.Buffers;
using System.Text;
using System.Text.Json;
using Symroute.Model;
using Symroute.Simulation;

namespace Symroute.Output;

/// <summary>
/// The answers of <c>route get --batch</c> to a run of lines, as UTF-8 bytes: the common line,
/// <c>[route get] [to] ADDRESS</c>, is parsed from its bytes without strings, every other line by
/// <see cref="RouteGetSyntax"/> exactly as a single query is. One per thread.
/// </summary>
public sealed class RouteGetAnswers
{
    private readonly Simulator _sim;
    private readonly TableNames _names;
    private readonly Family? _family;
    private readonly TextWriter _errors;
    private readonly ArrayBufferWriter<byte> _out = new(1 << 16);
    private readonly Utf8JsonWriter _json;

    /// <param name="errors">Where internal errors are reported (shared: written under its lock).</param>
    public RouteGetAnswers(Simulator sim, TableNames names, Family? family, TextWriter errors)
    {
        _sim = sim;
        _names = names;
        _family = family;
        _errors = errors;
        _json = new Utf8JsonWriter(_out, RouteGetJson.Options);
    }

    /// <summary>The answers written so far, one line each.</summary>
    public ReadOnlySpan<byte> Written => _out.WrittenSpan;

    public int WrittenCount => _out.WrittenCount;

    public void Clear() => _out.ResetWrittenCount();

    /// <summary>One line as bytes: <c>[route get] ADDRESS</c> answered from the bytes, anything else as text.</summary>
    public void Answer(ReadOnlySpan<byte> line)
    {
        foreach (byte b in line)
        {
            // Only printable ASCII and tabs take the byte path: other bytes are decoded (and trimmed,
            // split) by the text path exactly as before.
            if (b is >= 0x7f or (< 0x20 and not (byte)'\t'))
            {
                Answer(Encoding.UTF8.GetString(line));
                return;
            }
        }
        var text = line.Trim(" \t"u8);
        if (text.IsEmpty || text[0] == (byte)'#')
            return;
        if (!TrySimpleDestination(text, out var dst))
        {
            Answer(Encoding.ASCII.GetString(line));
            return;
        }
        try
        {
            Write(_sim.RouteGet(new RouteQuery(dst)));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            InternalError(Encoding.ASCII.GetString(line), e);
        }
    }

    /// <summary>
    /// <c>ADDRESS</c>, <c>to ADDRESS</c>, optionally after <c>route get</c>, where ADDRESS is a dotted
    /// quad in plain decimal or an IPv6 address of the family asked for: what
    /// <see cref="RouteGetSyntax.TryParse"/> makes of such a line, without its strings. Anything
    /// else (other words, loose or octal IPv4 forms, prefixes, errors) is left to it.
    /// </summary>
    private bool TrySimpleDestination(ReadOnlySpan<byte> text, out System.Net.IPAddress dst)
    {
        dst = null!;
        Span<Range> words = stackalloc Range[5];
        int count = 0;
        for (int i = 0; i < text.Length;)
        {
            if (text[i] is (byte)' ' or (byte)'\t')
            {
                i++;
                continue;
            }
            int j = i;
            while (j < text.Length && text[j] is not ((byte)' ' or (byte)'\t'))
                j++;
            if (count == words.Length)
                return false;
            words[count++] = i..j;
            i = j;
        }
        int w = 0;
        if (count >= 2 && text[words[0]].SequenceEqual("route"u8) && text[words[1]].SequenceEqual("get"u8))
            w = 2;
        if (count - w == 2 && text[words[w]].SequenceEqual("to"u8))
            w++;
        if (count - w != 1)
            return false;
        var word = text[words[w]];
        if (word.IndexOf((byte)':') >= 0)
        {
            if (_family == Family.Inet || word.Length > 45)
                return false;
            Span<char> chars = stackalloc char[word.Length];
            for (int k = 0; k < word.Length; k++)
            {
                byte b = word[k];
                if (!(char.IsAsciiHexDigit((char)b) || b is (byte)':' or (byte)'.'))
                    return false;
                chars[k] = (char)b;
            }
            if (!System.Net.IPAddress.TryParse(chars, out var v6) || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
                return false;
            dst = v6;
            return true;
        }
        if (_family == Family.Inet6 || !RouteGetSyntax.TryParseDottedQuad(word, out uint v4))
            return false;
        dst = AddressBits.ToAddress4(v4);
        return true;
    }

    /// <summary>One line as text: the words parsed as for a single query.</summary>
    public void Answer(string line)
    {
        var text = line.AsSpan().Trim();
        if (text.IsEmpty || text[0] == '#')
            return;
        var words = RouteGetSyntax.Words(line);
        if (words.Count >= 2 && words[0] == "route" && words[1] == "get")
            words.RemoveRange(0, 2);
        if (!RouteGetSyntax.TryParse(words, _family, out var request, out var error))
        {
            Begin();
            WriteError(error);
            End();
            return;
        }
        if (DeviceError(_sim, request.Query) is string nodev)
        {
            Begin();
            WriteError(nodev);
            End();
            return;
        }
        try
        {
            var result = Ask(_sim, request, request.Query);
            if (result is RouteDecision d && request.Connected && d.Source is not null)
                result = Ask(_sim, request, request.Query with { From = d.Source, Oif = d.Dev, Iif = null });
            Write(result);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            InternalError(line, e);
        }
    }

    /// <summary>A query as <c>ip route get</c> asks it: <c>notify</c> is a flag of the IPv4 reply (RTCF_NOTIFY); IPv6 ignores it.</summary>
    public static RouteResult Ask(Simulator sim, RouteGetRequest request, RouteQuery query, ExplainTrace? trace = null)
    {
        var r = sim.RouteGet(query, trace);
        return request.Notify && r is RouteDecision d && query.Family == Family.Inet ? d with { Cache = d.Cache | CacheFlags.Notify } : r;
    }

    /// <summary>ip checks iif, then oif, by name before asking the kernel.</summary>
    public static string? DeviceError(Simulator sim, RouteQuery q)
    {
        if (q.Iif is not null && !sim.HasDevice(q.Iif))
            return $"Cannot find device \"{q.Iif}\"";
        if (q.Oif is not null && !sim.HasDevice(q.Oif))
            return $"Cannot find device \"{q.Oif}\"";
        return null;
    }

    /// <summary>A bug must not cost the answers to every other line: report it in place and go on.</summary>
    private void InternalError(string line, Exception e)
    {
        lock (_errors)
            _errors.WriteLine($"symroute: internal error on '{line.Trim()}': {e}");
        Begin();
        WriteError($"symroute internal error: {e.GetType().Name}: {e.Message}");
        End();
    }

    /// <summary>One answer line: the decision as <c>ip -json route get</c> prints it, or its error.</summary>
    private void Write(RouteResult result)
    {
        Begin();
        if (result is RouteDecision ok)
            RouteGetJson.WriteObject(_json, ok, _names);
        else
            WriteError(((RouteError)result).Message);
        End();
    }

    private void Begin()
    {
        // Each answer is a root value of its own; what a failed line left unflushed is dropped.
        _json.Reset(_out);
    }

    private void End()
    {
        _json.Flush();
        _out.GetSpan(1)[0] = (byte)'\n';
        _out.Advance(1);
    }

    private void WriteError(string message)
    {
        _json.WriteStartObject();
        _json.WriteString("error"u8, message);
        _json.WriteEndObject();
    }
}
