namespace IntentBot.Nlu.Inference;

/// <summary>What runs the model ("CPU" or "CUDA"), why, and whether that is less than the host was set up for.</summary>
public sealed record ProviderChoice(string Name, string Reason, bool Degraded);
