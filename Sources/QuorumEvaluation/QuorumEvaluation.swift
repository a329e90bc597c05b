// QuorumEvaluation
