using System.Reflection;

namespace IntentBot.Nlu.Tests;

/// <summary>The shipped model's manifest, read without loading the model.</summary>
internal static class ShippedModel
{
    public static Nlu.Manifest.ModelManifest Manifest() => Nlu.Manifest.ManifestReader.Read(TestPaths.DefaultModel);
}

/// <summary>Locations in the repository, from the RepoRoot the build stamps into the test assembly.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = typeof(TestPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    public static string DefaultModel => Path.Combine(RepoRoot, "models", "intentbot-default");

    public static string GoldenTokenizerFile => Path.Combine(RepoRoot, "training", "golden", "tokenizer_golden.jsonl");

    /// <summary>A throw-away copy of the default model folder that a test may break.</summary>
    public static TempDirectory CopyOfDefaultModel()
    {
        var temp = new TempDirectory();
        foreach (var file in Directory.GetFiles(DefaultModel))
            File.Copy(file, Path.Combine(temp.Path, Path.GetFileName(file)));
        return temp;
    }
}

internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("intentbot-test-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
