namespace IntentBot.Shop;

/// <summary>A postal address. <paramref name="Country"/> is an ISO 3166-1 alpha-2 code ("DE", "FR", "US").</summary>
public sealed record Address(
    string Name,
    string Line1,
    string? Line2,
    string City,
    string PostalCode,
    string Country);

/// <summary>A registered customer. The first address is the default shipping address.</summary>
public sealed record Customer(
    string Id,
    string Name,
    string Email,
    string? Phone,
    IReadOnlyList<Address> Addresses,
    DateTimeOffset Registered,
    bool Newsletter);
