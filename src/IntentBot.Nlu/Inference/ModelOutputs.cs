namespace IntentBot.Nlu.Inference;

/// <summary>Raw logits of one text, copied out of ONNX Runtime's buffers.</summary>
public readonly record struct ModelOutputs(float[] IntentLogits, float[] SentimentLogits);
