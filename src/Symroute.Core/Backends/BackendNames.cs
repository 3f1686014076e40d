namespace Symroute.Backends;

/// <summary>The names of <see cref="Backend"/> used on the command line and in JSON.</summary>
public static class BackendNames
{
    public static IReadOnlyList<string> All { get; } = ["runtime", "netplan", "networkmanager", "networkd", "ifupdown", "network-scripts"];

    public static string Format(Backend b) => All[(int)b];

    public static bool TryParse(string text, out Backend backend)
    {
        for (int i = 0; i < All.Count; i++)
        {
            if (All[i] == text)
            {
                backend = (Backend)i;
                return true;
            }
        }
        backend = default;
        return false;
    }
}
