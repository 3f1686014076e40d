namespace Symroute.Host.Persistence;

/// <summary>
/// Persisting or restoring configuration was refused or failed; the message is one line naming the
/// file and saying what the tree was left as (for Persist: as before).
/// </summary>
public sealed class PersistException : IOException
{
    public PersistException(string message) : base(message) { }

    public PersistException(string message, Exception inner) : base(message, inner) { }
}
