{
  "targets": [
    {
      "target_name": "pcapstats",
      "sources": ["pcapstats.c"]
    }
  ]
}
