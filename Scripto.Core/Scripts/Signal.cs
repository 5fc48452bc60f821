namespace Scripto.Core.Scripts;

/// <summary>What a report says about a run.</summary>
public enum Signal
{
    Start,
    Success,
    Failure,
}
