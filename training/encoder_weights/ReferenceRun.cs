using Microsoft.ML.OnnxRuntime;

namespace IntentBot.Training.EncoderWeights;

/// <summary>Runs the original encoder graph, so the PyTorch conversion can be checked against the real thing.</summary>
/// <remarks>Python here has no ONNX Runtime (not a Debian package) and onnx 1.12 has no reference evaluator.</remarks>
internal static class ReferenceRun
{
    public static int Run(string modelPath, string idsPath, string outputPath)
    {
        var rows = File.ReadAllLines(idsPath)
            .Where(line => line.Length > 0)
            .Select(line => line.Split(' ').Select(long.Parse).ToArray())
            .ToArray();
        if (rows.Length == 0 || rows.Any(r => r.Length != rows[0].Length))
        {
            Console.Error.WriteLine("ids file must hold one or more sequences of equal length");
            return 2;
        }
        int batch = rows.Length, sequence = rows[0].Length;
        var ids = rows.SelectMany(r => r).ToArray();
        var mask = ids.Select(id => id == 0 ? 0L : 1L).ToArray();
        var types = new long[ids.Length];
        long[] shape = [batch, sequence];

        using var session = new InferenceSession(modelPath);
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions,
            ["input_ids", "attention_mask", "token_type_ids"], [idsValue, maskValue, typesValue],
            ["last_hidden_state"]);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        using var file = File.Create(outputPath);
        file.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(hidden));
        Console.WriteLine($"{outputPath}: [{batch}, {sequence}, {hidden.Length / (batch * sequence)}] float32");
        return 0;
    }
}
