namespace Slotted.MultiKey;

/// <summary>The set combination to compute.</summary>
internal enum SetOperation
{
    Inter,
    Union,
    Diff,
}
