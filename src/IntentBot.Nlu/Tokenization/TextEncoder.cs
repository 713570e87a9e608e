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
    private readonly EmojiWords? _emoji;

    public TextEncoder(BertTokenizer tokenizer, int maxSequenceLength, EmojiWords? emoji = null)
    {
        _tokenizer = tokenizer;
        MaxSequenceLength = maxSequenceLength;
        _emoji = emoji;
    }

    public int MaxSequenceLength { get; }
    public int PadId => _tokenizer.PaddingTokenId;

    /// <summary>The encoder a model folder describes: its vocabulary, tokenizer settings and (when listed) emoji table.</summary>
    /// <param name="maxSequenceLength">Overrides the manifest's window (tooling only).</param>
    public static TextEncoder ForModel(string modelDirectory, ModelManifest manifest, int? maxSequenceLength = null)
    {
        var files = manifest.Files!;
        var emoji = string.IsNullOrWhiteSpace(files.Emoji) ? null : EmojiWords.Load(Path.Combine(modelDirectory, files.Emoji));
        return Create(Path.Combine(modelDirectory, files.Vocab!), manifest.Tokenizer!, maxSequenceLength, emoji);
    }

    /// <param name="maxSequenceLength">Overrides the manifest's window (tooling only).</param>
    public static TextEncoder Create(string vocabPath, TokenizerSpec spec, int? maxSequenceLength = null, EmojiWords? emoji = null)
    {
        var special = spec.SpecialTokens ?? new SpecialTokens();
        RequireSpecialTokens(vocabPath, special);
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
            return new TextEncoder(BertTokenizer.Create(vocabPath, options), maxSequenceLength ?? spec.MaxSequenceLength, emoji);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or IOException)
        {
            throw new ModelLoadException($"{vocabPath}: cannot build the tokenizer ({ex.Message}). Every special token must be in the vocabulary.", ex);
        }
    }

    /// <summary>The tokenizer silently maps a missing special token to nothing useful, so check the file first.</summary>
    private static void RequireSpecialTokens(string vocabPath, SpecialTokens special)
    {
        var vocab = new HashSet<string>(File.ReadLines(vocabPath), StringComparer.Ordinal);
        var missing = new[] { special.Pad, special.Unk, special.Cls, special.Sep, special.Mask }.Where(t => !vocab.Contains(t)).ToArray();
        if (missing.Length > 0)
            throw new ModelLoadException($"{vocabPath}: special token(s) {string.Join(", ", missing)} missing from the vocabulary.");
    }

    /// <summary>Encodes one text, truncating to <see cref="MaxSequenceLength"/> tokens (special tokens included).</summary>
    public EncodedText Encode(string text)
    {
        text = Prepare(text);
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
    public IReadOnlyList<int> EncodeFull(string text) => _tokenizer.EncodeToIds(Prepare(text), addSpecialTokens: true);

    /// <summary>What the model's training saw before BertTokenizer: line breaks as spaces, emoji as words.</summary>
    private string Prepare(string text)
    {
        text = BreaksToSpaces(text);
        return _emoji is null ? text : _emoji.Apply(text);
    }

    /// <summary>
    /// BertTokenizer deletes control characters, line breaks and tabs included, which glues the words on
    /// either side together ("arrived\nbroken" becomes one word). Turning them into spaces first keeps
    /// multi-line messages readable to the model; training/tokenization.py applies the same table.
    /// </summary>
    internal static string BreaksToSpaces(string text) =>
        text.AsSpan().IndexOfAny(Breaks) < 0 ? text : string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++) span[i] = Breaks.Contains(source[i]) ? ' ' : source[i];
        });

    private static readonly System.Buffers.SearchValues<char> Breaks =
        System.Buffers.SearchValues.Create("\t\n\v\f\r\u0085\u2028\u2029");
}
