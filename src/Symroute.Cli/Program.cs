using Symroute.Cli;
using Symroute.Sources;

return Cli.Run(args, Console.In, Console.Out, Console.Error);
