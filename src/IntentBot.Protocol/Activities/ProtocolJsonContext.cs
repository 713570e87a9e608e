using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntentBot.Protocol.Activities;

/// <summary>
/// Source-generated JSON for the Activity schema: camelCase, nulls omitted (channels reject explicit nulls
/// in some fields), timestamps as ISO 8601.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = 64)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(IList<Activity>))]
[JsonSerializable(typeof(string))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
