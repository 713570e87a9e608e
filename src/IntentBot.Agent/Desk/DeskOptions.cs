using System.ComponentModel.DataAnnotations;

namespace IntentBot.Agent.Desk;

/// <summary>The <c>Desk</c> section: who may sign in to the agent desk, and what a waiting customer is told.</summary>
public sealed class DeskOptions
{
    public const string SectionName = "Desk";

    /// <summary>Agent accounts (name + PBKDF2 hash of the secret). With none and no API keys the desk is open (local default).</summary>
    public List<DeskAccount> Agents { get; set; } = [];

    /// <summary>Base64 of at least 32 bytes that signs desk session cookies; every instance needs the same one. Empty: a per-process key.</summary>
    public string SessionSigningKey { get; set; } = "";

    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(10);

    /// <summary>Minutes an agent spends on a conversation on average: with the queue, it gives the expected wait.</summary>
    [Range(1, 240)]
    public int AverageHandleMinutes { get; set; } = 4;

    /// <summary>Agents answering at the same time during service hours.</summary>
    [Range(1, 1000)]
    public int AgentsOnDuty { get; set; } = 1;

    [Required, Microsoft.Extensions.Options.ValidateObjectMembers]
    public ServiceHoursOptions ServiceHours { get; set; } = new();

    /// <summary>Offered to customers outside service hours ("or e-mail us at ..."); empty: not mentioned.</summary>
    public string? ContactEmail { get; set; }

    /// <summary>Desk transcripts kept after the last change (they hold the customer's messages).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan TranscriptRetention { get; set; } = TimeSpan.FromDays(7);
}

public sealed class DeskAccount
{
    [Required, StringLength(64, MinimumLength = 1)]
    public string Name { get; set; } = "";

    /// <summary><c>pbkdf2-sha256$ITERATIONS$SALT_BASE64$HASH_BASE64</c> (docs/desk.md shows how to make one).</summary>
    [Required]
    public string SecretHash { get; set; } = "";
}

/// <summary>When people answer. No days: always staffed (the default).</summary>
public sealed class ServiceHoursOptions
{
    public List<DayOfWeek> Days { get; set; } = [];

    public TimeOnly Opens { get; set; } = new(9, 0);

    public TimeOnly Closes { get; set; } = new(17, 0);

    /// <summary>IANA or Windows time zone id of the hours.</summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";
}
