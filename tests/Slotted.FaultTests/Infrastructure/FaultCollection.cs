namespace Slotted.FaultTests.Infrastructure;

/// <summary>Every fault scenario shares one <see cref="FaultClusterFixture"/> and runs alone.</summary>
[CollectionDefinition(Name)]
public sealed class FaultCollection : ICollectionFixture<FaultClusterFixture>
{
    /// <summary>The collection name: "faults".</summary>
    public const string Name = "faults";

    /// <summary>The test category (trait "Category") of every scenario: <c>dotnet test --filter Category=Fault</c>.</summary>
    public const string Category = "Fault";
}
