using Symroute.Host.Netlink;
using Symroute.Planning;

namespace Symroute.Host.Apply;

/// <summary>
/// Makes one <see cref="ApplyStep"/> on the running kernel (netlink, /proc/sys, nft), or undoes it.
/// Undoing is idempotent: a route already gone, a rule already back, a sysctl already at its old
/// value are fine, so a revert may undo every step of a journal whatever point the apply reached.
/// </summary>
public sealed class RuntimeChanger : IDisposable
{
    private readonly RtnlWriter _rtnl = RtnlWriter.Open();

    public void Do(ApplyStep step)
    {
        switch (step.Kind)
        {
            case ApplyStepKind.AddRoute: _rtnl.AddRoute(step.Route!); break;
            case ApplyStepKind.DeleteRoute: _rtnl.DeleteRoute(step.Route!); break;
            case ApplyStepKind.AddRule: _rtnl.AddRule(step.Rule!); break;
            case ApplyStepKind.DeleteRule: _rtnl.DeleteRule(step.Rule!); break;
            case ApplyStepKind.SetSysctl: SysctlFile.Write(step.SysctlKey!, step.Value!.Value); break;
            case ApplyStepKind.LoadNftables: NftTable.Load(step.Ruleset!); break;
        }
    }

    public void Undo(ApplyStep step)
    {
        switch (step.Kind)
        {
            case ApplyStepKind.AddRoute: _rtnl.EnsureNoRoute(step.Route!); break;
            case ApplyStepKind.DeleteRoute: _rtnl.EnsureRoute(step.Route!); break;
            case ApplyStepKind.AddRule: _rtnl.EnsureNoRule(step.Rule!); break;
            case ApplyStepKind.DeleteRule: _rtnl.EnsureRule(step.Rule!); break;
            case ApplyStepKind.SetSysctl:
                if (step.Before is int before && SysctlFile.Read(step.SysctlKey!) != before)
                    SysctlFile.Write(step.SysctlKey!, before);
                break;
            case ApplyStepKind.LoadNftables: NftTable.Restore(step.RulesetBefore); break;
        }
    }

    public void Dispose() => _rtnl.Dispose();
}
