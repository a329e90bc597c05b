// QuorumProviders
