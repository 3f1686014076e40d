using BenchmarkDotNet.Running;
using Symroute.Benchmarks;

if (args is ["quick", ..])
{
    QuickReport.Run();
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
