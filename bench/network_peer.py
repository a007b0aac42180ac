#!/usr/bin/python3
"""bench/network_peer.py LIBRARY WHAT EDGES: what bench/network.sh times beside
'eala analyze network --only WHAT': read the edge list eala printed
('eala analyze network --edges', one 'ID<tab>ID' line per pair of partners),
build the undirected graph and compute WHAT with LIBRARY (igraph or networkx,
Debian's python3-igraph and python3-networkx), printing a one-line summary so
the work cannot be skipped. Loading and the interpreter's start are included,
as they are for eala (which reads its SQLite database)."""
import sys

library, what, path = sys.argv[1:4]
ids, edges = {}, []
with open(path) as f:
    for line in f:
        a, b = line.split()
        edges.append((ids.setdefault(a, len(ids)), ids.setdefault(b, len(ids))))

if library == "igraph":
    import igraph
    g = igraph.Graph(n=len(ids), edges=edges)
    if what == "components":
        cl = g.connected_components()
        print(len(cl), max(cl.sizes()))
    elif what == "pagerank":
        pr = g.pagerank(damping=0.85)
        print(max(pr))
    else:
        cm = g.community_multilevel()
        print(len(cm), g.modularity(cm.membership))
else:
    import networkx as nx
    g = nx.Graph()
    g.add_nodes_from(range(len(ids)))
    g.add_edges_from(edges)
    if what == "components":
        sizes = [len(c) for c in nx.connected_components(g)]
        print(len(sizes), max(sizes))
    elif what == "pagerank":
        pr = nx.pagerank(g, alpha=0.85, tol=1e-10)
        print(max(pr.values()))
    else:
        cm = nx.community.louvain_communities(g, seed=1)
        print(len(cm), nx.community.modularity(g, cm))
