// QuorumServer
