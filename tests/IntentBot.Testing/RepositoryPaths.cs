using System.Reflection;

namespace IntentBot.Testing;

/// <summary>Locations in the repository, from the RepoRoot the build stamps into this assembly.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = typeof(RepositoryPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    /// <summary>The shipped model's folder.</summary>
    public static string DefaultModel => Path.Combine(Root, "models", "intentbot-default");
}
