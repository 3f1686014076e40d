using System.Collections.Immutable;
using Symroute.Model;
using Symroute.Sources;

namespace Symroute.Host;

/// <summary>
/// Reads routing table names as iproute2 does (lib/rt_names.c, rtnl_rttable_initialize): the
/// built-in names, then <c>/etc/iproute2/rt_tables</c> (or, when it does not exist, the
/// distribution's copy under <c>/usr/share/iproute2</c> or <c>/usr/lib/iproute2</c>), then the
/// <c>rt_tables.d/*.conf</c> files of the distribution directory that <c>/etc</c> does not
/// override by file name, then those of <c>/etc/iproute2/rt_tables.d</c>. A later entry for an id
/// replaces an earlier one (iproute2 prepends to its hash chains, so the last definition wins).
/// </summary>
public static class TableNamesReader
{
    private const string EtcDir = "/etc/iproute2";
    private static readonly string[] UsrDirs = ["/usr/share/iproute2", "/usr/lib/iproute2"];

    public static TableNames Read(string root = "/")
    {
        var names = TableNames.Builtin.Names.ToBuilder();
        string etc = HostPaths.Under(root, EtcDir);
        string? usr = UsrDirs.Select(d => HostPaths.Under(root, d)).FirstOrDefault(Directory.Exists);

        string etcTables = Path.Combine(etc, "rt_tables");
        if (File.Exists(etcTables))
            Load(etcTables, names);
        else if (usr is not null && File.Exists(Path.Combine(usr, "rt_tables")))
            Load(Path.Combine(usr, "rt_tables"), names);

        string etcD = Path.Combine(etc, "rt_tables.d");
        if (usr is not null)
            foreach (var file in ConfFiles(Path.Combine(usr, "rt_tables.d")))
                if (!File.Exists(Path.Combine(etcD, Path.GetFileName(file))))
                    Load(file, names);
        foreach (var file in ConfFiles(etcD))
            Load(file, names);

        return new TableNames(names.ToImmutable());
    }

    /// <summary>*.conf files with a name besides the suffix, not hidden, in a stable (ordinal) order.</summary>
    private static IEnumerable<string> ConfFiles(string dir)
    {
        if (!Directory.Exists(dir))
            return [];
        return Directory.EnumerateFiles(dir)
            .Where(f =>
            {
                string n = Path.GetFileName(f);
                return !n.StartsWith('.') && n.Length > 5 && n.EndsWith(".conf", StringComparison.Ordinal);
            })
            .Order(StringComparer.Ordinal);
    }

    private static void Load(string file, ImmutableSortedDictionary<uint, string>.Builder names)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // iproute2 ignores a file it cannot open.
            return;
        }
        foreach (var entry in RtTablesParser.Parse(text, file))
            names[entry.Id] = entry.Name;
    }
}
