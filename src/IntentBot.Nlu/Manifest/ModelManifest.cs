using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntentBot.Nlu.Manifest;

/// <summary>
/// The model folder's manifest.json: everything the runtime needs to know about a model that the
/// ONNX file itself does not say (label order, tokenizer settings, thresholds, provenance).
/// </summary>
public sealed class ModelManifest
{
    public string? Name { get; init; }
    public string? Version { get; init; }
    public DateTimeOffset? CreatedUtc { get; init; }
    public ManifestFiles? Files { get; init; }
    public TokenizerSpec? Tokenizer { get; init; }
    public InputNames? Inputs { get; init; }
    public HeadSet? Heads { get; init; }
    public OutOfScopeSpec? OutOfScope { get; init; }

    /// <summary>Optional pooled sentence embedding output (models from 2.0 on); absent in older models.</summary>
    public EmbeddingSpec? Embedding { get; init; }

    /// <summary>Free-form blocks kept as JSON: shown by the API and the model card, never interpreted.</summary>
    public JsonElement? Architecture { get; init; }
    public JsonElement? Metrics { get; init; }
    public JsonElement? Training { get; init; }
}

public sealed class ManifestFiles
{
    public string? Model { get; init; }
    public string? Vocab { get; init; }

    /// <summary>Optional emoji table (see <see cref="Tokenization.EmojiWords"/>); models trained before it have none.</summary>
    public string? Emoji { get; init; }
}

public sealed class TokenizerSpec
{
    public string? Type { get; init; }
    public bool Lowercase { get; init; } = true;
    public bool RemoveAccents { get; init; } = true;
    public bool TokenizeCjk { get; init; } = true;
    public int MaxSequenceLength { get; init; }
    public SpecialTokens? SpecialTokens { get; init; }
}

public sealed class SpecialTokens
{
    public string Pad { get; init; } = "[PAD]";
    public string Unk { get; init; } = "[UNK]";
    public string Cls { get; init; } = "[CLS]";
    public string Sep { get; init; } = "[SEP]";
    public string Mask { get; init; } = "[MASK]";
}

public sealed class InputNames
{
    public string? InputIds { get; init; }
    public string? AttentionMask { get; init; }
    public string? TokenTypeIds { get; init; }
}

public sealed class HeadSet
{
    public HeadSpec? Intent { get; init; }
    public HeadSpec? Sentiment { get; init; }
}

public sealed class HeadSpec
{
    public string? Output { get; init; }
    public float Temperature { get; init; } = 1f;
    public IReadOnlyList<LabelSpec>? Labels { get; init; }
}

public sealed class LabelSpec
{
    public string? Name { get; init; }
    public string? Category { get; init; }
}

/// <summary>An L2-normalised sentence embedding output of shape [batch, dimensions].</summary>
public sealed class EmbeddingSpec
{
    public string? Output { get; init; }
    public int Dimensions { get; init; }
}

public sealed class OutOfScopeSpec
{
    public string? Label { get; init; }
    public float ConfidenceThreshold { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(ModelManifest))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
