using System.Text.Json.Serialization;

namespace IntentBot.Agent.Engine;

/// <summary>The shapes the engine keeps in the conversation's slot map as JSON.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class EngineJsonContext : JsonSerializerContext;
