namespace IntentBot.Context.State;

/// <summary>A stored value with the version it was read at; save it back with that version.</summary>
public sealed record Versioned<T>(T Value, long Version);
