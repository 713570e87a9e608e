namespace IntentBot.Server.Hosting;

/// <summary>
/// Finds the folder the app treats as its home (content root): it holds appsettings.json, models/ and
/// dialogs/. In a checkout that is the repository root, wherever the binary was built to; a published
/// app carries appsettings.json next to the binary; INTENTBOT_HOME overrides both.
/// </summary>
public static class RepositoryPaths
{
    public const string HomeVariable = "INTENTBOT_HOME";

    public static string LocateHome()
    {
        var configured = Environment.GetEnvironmentVariable(HomeVariable);
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured);
        return FindRepositoryRoot(Directory.GetCurrentDirectory())
            ?? FindRepositoryRoot(AppContext.BaseDirectory)
            ?? AppContext.BaseDirectory;
    }

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds IntentBot.sln.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "IntentBot.sln"))) return dir.FullName;
        return null;
    }

    /// <summary>A configured path, taken relative to the content root unless it is absolute.</summary>
    public static string Resolve(string path, string contentRoot) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(contentRoot, path));
}
