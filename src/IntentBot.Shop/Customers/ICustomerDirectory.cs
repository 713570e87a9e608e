namespace IntentBot.Shop;

public interface ICustomerDirectory
{
    Task<Customer?> GetByIdAsync(string customerId, CancellationToken cancellationToken = default);

    /// <summary>Case-insensitive lookup by e-mail address.</summary>
    Task<Customer?> GetByEmailAsync(string email, CancellationToken cancellationToken = default);
}
