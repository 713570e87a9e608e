namespace IntentBot.Nlu.Tests;

/// <summary>The shipped model's manifest, read without loading the model.</summary>
internal static class ShippedModel
{
    public static Nlu.Manifest.ModelManifest Manifest() => Nlu.Manifest.ManifestReader.Read(TestPaths.DefaultModel);
}

/// <summary>Locations in the repository the engine tests read.</summary>
internal static class TestPaths
{
    public static string RepoRoot => RepositoryPaths.Root;

    public static string DefaultModel => RepositoryPaths.DefaultModel;

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
