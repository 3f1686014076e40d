using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Symroute.Output;
using Symroute.Simulation;
using Symroute.Sources;

namespace Symroute.Benchmarks;

/// <summary>
/// <c>quick-batch SNAPSHOT QUERIES</c>: <c>route get --batch</c>'s work in process, after the
/// snapshot is read: the whole batch (answers to a null stream, both threads; process CPU and wall
/// time), then one thread's parts: the decisions alone on parsed queries, and the JSON answers
/// alone for those decisions.
/// </summary>
public static class BatchQuick
{
    public static void Run(string snapshot, string queries)
    {
        var state = SnapshotReader.Read(File.ReadAllBytes(snapshot), snapshot);
        double t0 = ThreadClock.Seconds;
        var sim = new Simulator(state);
        Console.WriteLine($"simulator over {state.Routes.Length:N0} routes: {(ThreadClock.Seconds - t0) * 1e3:F0} ms thread CPU");
        var bytes = File.ReadAllBytes(queries);
        int lines = bytes.Count(b => b == (byte)'\n');
        for (int round = 0; round < 3; round++)
        {
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            new RouteGetBatch(sim, state.TableNames, null, Stream.Null, TextWriter.Null, Console.Error).Run(new MemoryStream(bytes));
            process.Refresh();
            Console.WriteLine($"batch of {lines:N0} lines: {wall.Elapsed.TotalMilliseconds:F0} ms wall, {(process.TotalProcessorTime - cpu).TotalMilliseconds:F0} ms process CPU ({(process.TotalProcessorTime - cpu).TotalMilliseconds * 1e3 / lines:F2} µs/line)");
        }

        var parsed = new List<RouteQuery>(lines);
        foreach (var line in File.ReadLines(queries))
            if (RouteGetSyntax.TryParse(RouteGetSyntax.Words(line)[2..], null, out var request, out _))
                parsed.Add(request.Query);
        var results = new RouteResult[parsed.Count];
        for (int round = 0; round < 3; round++)
        {
            t0 = ThreadClock.Seconds;
            for (int i = 0; i < parsed.Count; i++)
                results[i] = sim.RouteGet(parsed[i]);
            double decide = ThreadClock.Seconds - t0;
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(1 << 20);
            using var w = new Utf8JsonWriter(buffer, RouteGetJson.Options);
            t0 = ThreadClock.Seconds;
            foreach (var r in results)
            {
                w.Reset(buffer);
                if (r is RouteDecision d)
                    RouteGetJson.WriteObject(w, d, state.TableNames);
                w.Flush();
                if (buffer.WrittenCount > 1 << 20)
                    buffer.ResetWrittenCount();
            }
            double json = ThreadClock.Seconds - t0;
            t0 = ThreadClock.Seconds;
            int v4 = 0;
            foreach (var q in parsed)
                if (q.Family == Symroute.Model.Family.Inet) { sim.RouteGet(q); v4++; }
            double decide4 = ThreadClock.Seconds - t0;
            Console.WriteLine($"one thread: decisions {decide * 1e9 / parsed.Count:F0} ns/query (IPv4 alone {decide4 * 1e9 / v4:F0}, IPv6 alone {(decide - decide4) * 1e9 / (parsed.Count - v4):F0}), JSON {json * 1e9 / parsed.Count:F0} ns/answer");
        }
    }
}
