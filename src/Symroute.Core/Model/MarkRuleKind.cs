namespace Symroute.Model;

/// <summary>What a connection-mark rule does.</summary>
public enum MarkRuleKind : byte
{
    /// <summary><c>ct mark set V</c> / <c>-j CONNMARK --set-mark V</c>: tag the connection.</summary>
    SetConnmark,
    /// <summary><c>meta mark set ct mark</c> / <c>-j CONNMARK --restore-mark</c>: copy the connection's mark onto the packet.</summary>
    RestoreMark,
    /// <summary><c>ct mark set meta mark</c> / <c>-j CONNMARK --save-mark</c>: copy the packet mark onto the connection.</summary>
    SaveMark,
    /// <summary><c>meta mark set V</c> / <c>-j MARK --set-mark V</c>: mark the packet only.</summary>
    SetMark,
}
