namespace IntentBot.Agent.Insights;

/// <summary>Takes the turns worth a person's look (declined, unsure) into the review queue.</summary>
public interface IReviewIntake
{
    Task AddAsync(IReadOnlyList<TurnFacts> turns, CancellationToken cancellationToken = default);
}
