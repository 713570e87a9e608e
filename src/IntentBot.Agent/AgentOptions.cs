using System.ComponentModel.DataAnnotations;

namespace IntentBot.Agent;

/// <summary>The <c>Agent</c> section: where the dialogs are and the thresholds that steer a turn.</summary>
public sealed class AgentOptions
{
    public const string SectionName = "Agent";

    /// <summary>Folder of dialog YAML files (relative to the IntentBot home).</summary>
    [Required]
    public string DialogsPath { get; set; } = "dialogs";

    /// <summary>Reload the dialogs (and relearn their custom intents) when a file in the folder changes, without a restart.</summary>
    public bool WatchDialogs { get; set; } = true;

    /// <summary>How long the folder must stay unchanged before a reload (editors save a file in several writes).</summary>
    [Range(50, 60_000)]
    public int ReloadQuietMilliseconds { get; set; } = 500;

    /// <summary>Below this intent confidence the bot asks which of the top intents was meant.</summary>
    [Range(0.0, 1.0)]
    public double ClarifyBelow { get; set; } = 0.55;

    /// <summary>A new intent this confident, in the middle of a form, interrupts it (answered, then the form resumes).</summary>
    [Range(0.0, 1.0)]
    public double InterruptAbove { get; set; } = 0.85;

    /// <summary>Negative sentiment counts (empathy, frustration streak) from this confidence on.</summary>
    [Range(0.0, 1.0)]
    public double NegativeAbove { get; set; } = 0.6;

    /// <summary>Consecutive negative turns (UserProfile.FrustrationStreak) that hand the conversation to a human.</summary>
    [Range(1, 100)]
    public int FrustrationHandoffStreak { get; set; } = 3;

    /// <summary>Purchase-intent estimate from which a hesitating customer is offered a promotion.</summary>
    [Range(0.0, 1.0)]
    public double PromotionAbove { get; set; } = 0.5;

    /// <summary>How often a turn is redone on fresh state when another turn saved first (optimistic concurrency).</summary>
    [Range(1, 20)]
    public int MaxSaveAttempts { get; set; } = 5;

    /// <summary>Transcript lines kept for the handoff summary (customer and bot lines).</summary>
    [Range(2, 100)]
    public int TranscriptLines { get; set; } = 12;
}
