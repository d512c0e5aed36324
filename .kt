#!/bin/bash
# my dev loop: kubernetes module tests only
cd /work/wt/i14 && mvn -B -q -o verify -pl services-kubernetes -am -DskipITs -Dtest="$1" -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -v '^\[INFO\]\|^\[0m' 
