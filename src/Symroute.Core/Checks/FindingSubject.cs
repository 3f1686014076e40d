using System.Net;

namespace Symroute.Checks;

/// <summary>What a finding is about. Every part is optional; most findings name an interface and an address.</summary>
/// <param name="Interface">Device name.</param>
/// <param name="Address">A local address (or the address a rule names).</param>
/// <param name="Rule">The rule as <c>ip rule</c> prints it, priority first (<c>32765: from 10.10.20.50 lookup 100</c>).</param>
/// <param name="Table">Table name as iproute2 prints it (name from rt_tables, else the number).</param>
public sealed record FindingSubject(
    string? Interface = null,
    IPAddress? Address = null,
    string? Rule = null,
    string? Table = null)
{
    /// <summary>A short one-line label: <c>eth1 10.10.20.50</c>, <c>rule 32765</c>, <c>table 100</c>.</summary>
    public string Label
    {
        get
        {
            var parts = new List<string>(4);
            if (Interface is not null) parts.Add(Interface);
            if (Address is not null) parts.Add(Address.ToString());
            if (Rule is not null) parts.Add("rule " + Rule.Split(':')[0]);
            if (Table is not null) parts.Add("table " + Table);
            return string.Join(' ', parts);
        }
    }
}
