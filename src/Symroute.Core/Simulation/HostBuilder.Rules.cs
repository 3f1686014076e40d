using Symroute.Model;
using Symroute.Sources;

namespace Symroute.Simulation;

public sealed partial class HostBuilder
{
    /// <summary>
    /// Runs one <c>ip rule</c> command without the leading <c>ip rule</c>: <c>add|del|flush</c> then ip's
    /// words (<c>[not] [from P] [to P] [tos T] [fwmark V[/M]] [iif D] [oif D] [uidrange A-B] [ipproto P]
    /// [sport A[-B]] [dport A[-B]] [l3mdev] [pref N] [table T | goto N | nop | unreachable | prohibit |
    /// blackhole] [suppress_prefixlength N] [suppress_ifgroup G] [protocol P] [dscp D]</c>).
    /// A leading <c>-6</c> (or an IPv6 selector) makes it an IPv6 rule.
    /// </summary>
    public HostBuilder Rule(string command)
    {
        var words = new Queue<string>(command.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Family? family = null;
        while (words.Count > 0 && words.Peek() is "-4" or "-6")
            family = words.Dequeue() == "-4" ? Family.Inet : Family.Inet6;
        if (words.Count == 0)
            throw new HostBuilderException("Command line is not complete. Try option \"help\"");
        string verb = words.Dequeue();
        if (verb == "flush")
        {
            // iproute2 deletes only the rules that carry a priority attribute, so priority 0 stays.
            var list = family == Family.Inet6 ? _rules6 : _rules4;
            list.RemoveAll(r => r.Priority != 0);
            _customRules |= family != Family.Inet6;
            return this;
        }
        var (rule, prioGiven, given) = ParseRule(words, family);
        return verb switch
        {
            "add" => AddRule(rule, !prioGiven),
            "del" or "delete" => DelRule(rule, prioGiven, given),
            _ => throw new HostBuilderException($"Command \"{verb}\" is unknown, try \"ip rule help\"."),
        };
    }

    /// <summary>
    /// Adds a rule as the kernel does (fib_nl_newrule): with <paramref name="autoPriority"/> its
    /// priority is the second rule's minus one (fib_default_rule_pref); it goes after the last rule of
    /// lower or equal priority; an identical rule is refused (File exists).
    /// </summary>
    public HostBuilder AddRule(Rule rule, bool autoPriority = false)
    {
        var list = rule.Family == Family.Inet ? _rules4 : _rules6;
        if (autoPriority)
        {
            uint pref = list.Count >= 2 && list[1].Priority != 0 ? list[1].Priority - 1 : 0;
            rule = rule with { Priority = pref };
        }
        if (rule.Action == RuleAction.Goto && rule.Goto is uint target && target <= rule.Priority)
            throw new HostBuilderException("Error: Backward goto not supported.");
        if (list.Contains(rule))
            throw new HostBuilderException("RTNETLINK answers: File exists");
        int at = list.FindLastIndex(r => r.Priority <= rule.Priority) + 1;
        list.Insert(at, rule);
        if (rule.Family == Family.Inet)
            _customRules = true;
        return this;
    }

    private HostBuilder DelRule(Rule pattern, bool prioGiven, HashSet<string> given)
    {
        var list = pattern.Family == Family.Inet ? _rules4 : _rules6;
        int i = list.FindIndex(r =>
            (!prioGiven || r.Priority == pattern.Priority)
            && (!given.Contains("table") || r.Table == pattern.Table)
            && (!given.Contains("from") || r.From == pattern.From)
            && (!given.Contains("to") || r.To == pattern.To)
            && (!given.Contains("iif") || r.Iif == pattern.Iif)
            && (!given.Contains("oif") || r.Oif == pattern.Oif)
            && (!given.Contains("fwmark") || (r.FwMark == pattern.FwMark && r.FwMask == pattern.FwMask))
            && (!given.Contains("action") || r.Action == pattern.Action)
            && (!given.Contains("not") || r.Not == pattern.Not));
        if (i < 0)
            throw new HostBuilderException("RTNETLINK answers: No such file or directory");
        list.RemoveAt(i);
        if (pattern.Family == Family.Inet)
            _customRules = true;
        return this;
    }

    private (Rule Rule, bool PrioGiven, HashSet<string> Given) ParseRule(Queue<string> w, Family? family)
    {
        var given = new HashSet<string>(StringComparer.Ordinal);
        bool not = false;
        IpPrefix? from = null, to = null;
        byte? tos = null, dscp = null, ipproto = null, protocol = null;
        uint? fwmark = null, fwmask = null, table = null, gotoTarget = null;
        uint prio = 0;
        bool prioGiven = false;
        string? iif = null, oif = null;
        UidRange? uid = null;
        PortRange? sport = null, dport = null;
        bool l3mdev = false;
        int? suppressLen = null, suppressGroup = null;
        RuleAction action = RuleAction.Lookup;

        while (w.Count > 0)
        {
            string word = w.Dequeue();
            switch (word)
            {
                case "not": not = true; given.Add("not"); break;
                case "from": from = Prefix(Next(w, word), ref family); given.Add("from"); break;
                case "to": to = Prefix(Next(w, word), ref family); given.Add("to"); break;
                case "tos" or "dsfield":
                    if (!Strtoul.TryParseDsfield(Next(w, word), out byte t)) throw Invalid(word);
                    tos = t;
                    break;
                case "dscp":
                    dscp = (byte)UInt(Next(w, word), word);
                    break;
                case "fwmark":
                {
                    string v = Next(w, word);
                    int slash = v.IndexOf('/');
                    fwmark = UInt(slash < 0 ? v : v[..slash], word);
                    if (slash >= 0) fwmask = UInt(v[(slash + 1)..], word);
                    given.Add("fwmark");
                    break;
                }
                case "iif" or "dev": iif = Next(w, word); given.Add("iif"); break;
                case "oif": oif = Next(w, word); given.Add("oif"); break;
                case "uidrange":
                {
                    string v = Next(w, word);
                    var parts = v.Split('-');
                    uid = new UidRange(UInt(parts[0], word), UInt(parts.Length > 1 ? parts[1] : parts[0], word));
                    break;
                }
                case "ipproto":
                    if (!IpProtocolNames.TryParse(Next(w, word), out byte p)) throw Invalid(word);
                    ipproto = p;
                    break;
                case "sport" or "dport":
                {
                    string v = Next(w, word);
                    var parts = v.Split('-');
                    var range = new PortRange((ushort)UInt(parts[0], word), (ushort)UInt(parts.Length > 1 ? parts[1] : parts[0], word));
                    if (word == "sport") sport = range; else dport = range;
                    break;
                }
                case "l3mdev": l3mdev = true; break;
                case "priority" or "pref" or "preference" or "order":
                    prio = UInt(Next(w, word), word);
                    prioGiven = true;
                    break;
                case "table" or "lookup":
                {
                    string v = Next(w, word);
                    if (!TryTable(v, out uint id)) throw new HostBuilderException($"Error: argument \"{v}\" is wrong: invalid table ID");
                    table = id;
                    given.Add("table");
                    break;
                }
                case "suppress_prefixlength":
                    suppressLen = (int)UInt(Next(w, word), word);
                    break;
                case "suppress_ifgroup":
                    suppressGroup = (int)UInt(Next(w, word), word);
                    break;
                case "goto":
                    action = RuleAction.Goto;
                    gotoTarget = UInt(Next(w, word), word);
                    given.Add("action");
                    break;
                case "nop": action = RuleAction.Nop; given.Add("action"); break;
                case "unreachable": action = RuleAction.Unreachable; given.Add("action"); break;
                case "prohibit": action = RuleAction.Prohibit; given.Add("action"); break;
                case "blackhole": action = RuleAction.Blackhole; given.Add("action"); break;
                case "type":
                    break;
                case "protocol" or "proto":
                    protocol = ProtocolNumber(Next(w, word));
                    break;
                default:
                    throw new HostBuilderException($"Error: argument \"{word}\" is wrong: unknown selector");
            }
        }
        family ??= Family.Inet;
        // iprule_modify sends table main when an add names no table and no other action.
        if (action == RuleAction.Lookup && table is null && !l3mdev)
            table = RouteTableId.Main;
        // Model conventions (as the kernel reports it): fwmark 0 without a mask is no selector at all;
        // a mark without a mask has mask 0xffffffff; tos 0 is none; rules not made by the kernel have protocol 0.
        if (fwmark == 0 && fwmask is null) fwmark = null;
        else if (fwmark is not null && fwmask is null) fwmask = uint.MaxValue;
        if (tos == 0) tos = null;
        var rule = new Rule(family.Value, prio, action, action == RuleAction.Lookup ? table : null, not, from, to, tos, fwmark, fwmask,
            iif, oif, uid, ipproto, sport, dport, null, l3mdev, gotoTarget, suppressLen, suppressGroup, protocol ?? RouteProtocol.Unspec, dscp);
        return (rule, prioGiven, given);
    }
}
