namespace IntentBot.Home;

/// <summary>
/// Finds the IntentBot home folder (appsettings.json, models/, dialogs/). In a checkout that is the
/// repository root, wherever the binary was built to; INTENTBOT_HOME overrides it; a published app falls
/// back to its own folder.
/// </summary>
public static class RepositoryRoot
{
    public const string HomeVariable = "INTENTBOT_HOME";

    public static string LocateHome()
    {
        var configured = Environment.GetEnvironmentVariable(HomeVariable);
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured);
        return Find(Directory.GetCurrentDirectory()) ?? Find(AppContext.BaseDirectory) ?? AppContext.BaseDirectory;
    }

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds IntentBot.sln.</summary>
    public static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "IntentBot.sln"))) return dir.FullName;
        return null;
    }

    /// <summary>A configured path, taken relative to <paramref name="home"/> unless it is absolute.</summary>
    public static string Resolve(string path, string home) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(home, path));
}
