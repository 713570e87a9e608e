namespace IntentBot.Nlu.Tokenization;

/// <summary>Token ids of one text, [CLS] and [SEP] included, and whether the text was cut to fit.</summary>
public readonly record struct EncodedText(int[] Ids, bool Truncated);
