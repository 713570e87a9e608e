namespace IntentBot.Nlu.Inference;

/// <summary>Raw outputs of one text, copied out of ONNX Runtime's buffers.</summary>
/// <param name="Embedding">The L2-normalised sentence embedding, when the model has one (else null).</param>
public readonly record struct ModelOutputs(float[] IntentLogits, float[] SentimentLogits, float[]? Embedding = null);
