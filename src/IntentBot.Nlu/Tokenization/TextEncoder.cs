using IntentBot.Nlu.Manifest;
using Microsoft.ML.Tokenizers;

namespace IntentBot.Nlu.Tokenization;

/// <summary>
/// Turns text into the model's token ids with Microsoft.ML.Tokenizers' BertTokenizer, configured from
/// the manifest so that it matches the training pipeline id for id (guarded by the golden tests).
/// </summary>
/// <remarks>BertTokenizer is immutable after creation, so one instance serves all threads.</remarks>
public sealed class TextEncoder
{
    private readonly BertTokenizer _tokenizer;

    public TextEncoder(BertTokenizer tokenizer, int maxSequenceLength)
    {
        _tokenizer = tokenizer;
        MaxSequenceLength = maxSequenceLength;
    }

    public int MaxSequenceLength { get; }
    public int PadId => _tokenizer.PaddingTokenId;

    public static TextEncoder Create(string vocabPath, TokenizerSpec spec)
    {
        var special = spec.SpecialTokens ?? new SpecialTokens();
        var options = new BertOptions
        {
            LowerCaseBeforeTokenization = spec.Lowercase,
            RemoveNonSpacingMarks = spec.RemoveAccents,
            IndividuallyTokenizeCjk = spec.TokenizeCjk,
            ApplyBasicTokenization = true,
            SplitOnSpecialTokens = true,
            UnknownToken = special.Unk,
            ClassificationToken = special.Cls,
            SeparatorToken = special.Sep,
            PaddingToken = special.Pad,
            MaskingToken = special.Mask,
        };
        try
        {
            return new TextEncoder(BertTokenizer.Create(vocabPath, options), spec.MaxSequenceLength);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or IOException)
        {
            throw new ModelLoadException($"{vocabPath}: cannot build the tokenizer ({ex.Message}). Every special token must be in the vocabulary.", ex);
        }
    }

    /// <summary>Encodes one text, truncating to <see cref="MaxSequenceLength"/> tokens (special tokens included).</summary>
    public EncodedText Encode(string text)
    {
        var ids = _tokenizer.EncodeToIds(text, MaxSequenceLength, addSpecialTokens: true, out _, out _);
        var truncated = false;
        if (ids.Count >= MaxSequenceLength)
        {
            // Only a text that filled the window can have been cut; checking the full length here keeps
            // the common short-text path to a single pass.
            truncated = _tokenizer.EncodeToIds(text, addSpecialTokens: true).Count > MaxSequenceLength;
        }
        return new EncodedText(ids as int[] ?? [.. ids], truncated);
    }

    /// <summary>Encodes without truncation: for tooling (parity checks), not for inference.</summary>
    public IReadOnlyList<int> EncodeFull(string text) => _tokenizer.EncodeToIds(text, addSpecialTokens: true);
}
