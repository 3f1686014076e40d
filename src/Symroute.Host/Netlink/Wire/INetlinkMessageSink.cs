namespace Symroute.Host.Netlink.Wire;

/// <summary>Receives the data messages of a dump, in order; reset when an interrupted dump restarts.</summary>
internal interface INetlinkMessageSink
{
    /// <summary>Forget every message seen so far: the dump restarts from the beginning.</summary>
    void Reset();

    void OnMessage(NetlinkMessage message);
}
