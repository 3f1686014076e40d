using BenchmarkDotNet.Running;
using Symroute.Benchmarks;

if (args is ["quick-ingest", .. var files])
{
    IngestQuick.Run(files);
    return;
}
if (args is ["quick-netlink", var netns])
{
    NetlinkQuick.Run(netns);
    return;
}
if (args is ["quick-batch", var snapshotFile, var queryFile])
{
    BatchQuick.Run(snapshotFile, queryFile);
    return;
}
if (args is ["quick-index"])
{
    IndexQuick.Run();
    return;
}
if (args is ["quick-check", ..])
{
    CheckQuick.Run(fullTable: args is [_, "--full-table"]);
    return;
}
if (args is ["quick-decision", .. var hosts])
{
    DecisionQuick.Run(hosts);
    return;
}
if (args is ["quick", ..])
{
    QuickReport.Run();
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
