namespace Symroute.Model;

/// <summary>Policy rule action, numbered as the kernel's FR_ACT_* constants (include/uapi/linux/fib_rules.h).</summary>
public enum RuleAction : byte
{
    Unspec = 0,
    /// <summary><c>lookup TABLE</c> (FR_ACT_TO_TBL).</summary>
    Lookup = 1,
    Goto = 2,
    Nop = 3,
    Blackhole = 6,
    Unreachable = 7,
    Prohibit = 8,
}
