namespace Slotted.ClusterTests.Infrastructure;

/// <summary>Tests marked <c>[Collection(ClusterCollection.Name)]</c> share one <see cref="ClusterFixture"/> and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    /// <summary>The collection name: "cluster".</summary>
    public const string Name = "cluster";
}
