/* C11 6.7.2.2p1: an enumerator list may not be empty */
enum E { };
