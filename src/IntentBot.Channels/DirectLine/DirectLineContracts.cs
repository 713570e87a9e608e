using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using IntentBot.Protocol.Activities;

namespace IntentBot.Channels.DirectLine;

/// <summary>The Direct Line 3.0 ActivitySet: what polling returns and what each WebSocket frame carries.</summary>
public sealed record ActivitySet(IReadOnlyList<Activity> Activities, string? Watermark);

/// <summary>The Conversation object of start / reconnect / token calls.</summary>
public sealed class DirectLineConversation
{
    public required string ConversationId { get; init; }
    public required string Token { get; init; }

    [JsonPropertyName("expires_in")]
    public int ExpiresIn { get; init; }

    public string? StreamUrl { get; init; }
    public string? ReferenceGrammarId { get; init; }

    /// <summary>Not in the hosted service's reply: the user id embedded in the token (also readable from the token itself).</summary>
    public string? UserId { get; init; }
}

/// <summary>Optional body of tokens/generate and conversations: who the token is for.</summary>
public sealed class TokenParameters
{
    public TokenUser? User { get; set; }
    public string? Locale { get; set; }
}

public sealed class TokenUser
{
    public string? Id { get; set; }
    public string? Name { get; set; }
}

public sealed record ResourceResponse(string Id);

/// <summary>The Direct Line error body: {"error":{"code","message"}}.</summary>
public sealed record DirectLineErrorResponse(DirectLineError Error);

public sealed record DirectLineError(string Code, string Message);

/// <summary>
/// Writes UTC timestamps with a trailing Z (the Activity schema's form; System.Text.Json would write +00:00)
/// and keeps other offsets (localTimestamp) as they are.
/// </summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        if (value.Offset == TimeSpan.Zero)
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        else
            writer.WriteStringValue(value);
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = 64,
    Converters = [typeof(UtcTimestampConverter)])]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(ActivitySet))]
[JsonSerializable(typeof(DirectLineConversation))]
[JsonSerializable(typeof(TokenParameters))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(DirectLineErrorResponse))]
public sealed partial class DirectLineJsonContext : JsonSerializerContext;
