using Xunit;

namespace Symroute.Tests.Planning;

/// <summary>A theory that needs a network configuration tool: skipped, saying which Debian package provides it, where the tool is absent.</summary>
public sealed class ToolTheoryAttribute : TheoryAttribute
{
    public ToolTheoryAttribute(string tool, string package)
    {
        if (!new[] { "/usr/sbin/", "/usr/bin/", "/sbin/", "/bin/" }.Any(d => File.Exists(d + tool)))
            Skip = $"{tool} is not installed (Debian package {package}; .ci/run installs it)";
    }
}
