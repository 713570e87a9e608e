using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntentBot.Shop;

/// <summary>
/// Put on every shop enum so that any serializer (the HTTP contract, and Semantic Kernel when it hands a
/// function result to the LLM with its own options) writes "pending_payment", never a bare number.
/// </summary>
public sealed class SnakeCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
