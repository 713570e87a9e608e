using System.Reflection;

namespace IntentBot.Context.Tests.PurchaseIntent;

/// <summary>The shipped model and the golden file, found from the RepoRoot the build stamps into the test assembly.</summary>
internal static class PurchaseIntentPaths
{
    public static string RepoRoot { get; } = typeof(PurchaseIntentPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    public static string ShippedModel => Path.Combine(RepoRoot, "models", "purchase-intent");

    public static string GoldenFile => Path.Combine(RepoRoot, "training", "purchase_intent", "golden", "purchase_intent_golden.json");
}

/// <summary>A throw-away copy of the shipped model folder that a test may break.</summary>
internal sealed class ModelCopy : IDisposable
{
    public ModelCopy()
    {
        foreach (var file in Directory.GetFiles(PurchaseIntentPaths.ShippedModel))
            File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
    }

    public string Path { get; } = Directory.CreateTempSubdirectory("intentbot-purchase-").FullName;

    public string ManifestPath => System.IO.Path.Combine(Path, "manifest.json");

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

/// <summary>One model for the whole test class: loading is the slow part, and the model is thread-safe.</summary>
public sealed class ShippedModelFixture : IDisposable
{
    public IntentBot.Context.PurchaseIntent.PurchaseIntentModel Model { get; } =
        IntentBot.Context.PurchaseIntent.PurchaseIntentModel.Load(PurchaseIntentPaths.ShippedModel);

    public void Dispose() => Model.Dispose();
}
