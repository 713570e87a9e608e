using IntentBot.Nlu.CustomIntents;

namespace IntentBot.Nlu.Tests.CustomIntents;

/// <summary>Words only one custom intent's examples use, found in a message whatever their ending or a late typo.</summary>
public sealed class MarkerWordsTests
{
    private static readonly MarkerWords Words = new(
        [
            ["can you engrave my ring", "how much is engraving", "please wrap the ring"],
            ["gift wrap please", "wrapping paper for a present"],
        ],
        ["can you track my ring order", "how much is shipping"]);

    [Fact]
    public void A_word_is_its_first_four_letters_and_each_ideograph_a_word_of_its_own() =>
        Assert.Equal(["engr", "engr", "刻", "字", "lett"], MarkerWords.Stems("Engraving, engraved! 刻字 on a letter").ToArray());

    [Fact]
    public void A_marker_is_in_two_examples_of_one_intent_and_nowhere_else()
    {
        // "ring" is in the background, "wrap" in both intents' examples, "pape" in one example only.
        Assert.Equal(["engr"], Words.Markers[0].Order().ToArray());
        Assert.Empty(Words.Markers[1]);
    }

    [Fact]
    public void A_message_with_a_marker_names_its_intent_despite_a_typo()
    {
        Assert.Equal(0, Words.NamedBy("how long does engravng take"));
        Assert.Null(Words.NamedBy("can you wrap it"));
        Assert.Null(Words.NamedBy("where is my ring"));
    }
}
