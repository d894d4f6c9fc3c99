/* Word counting in a chained hash table: strings, malloc, pointers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry { struct entry *next; char *word; int count; };

#define BUCKETS 4096
static struct entry *table[BUCKETS];

static unsigned hash(const char *s) {
    unsigned h = 2166136261u;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

static void add(const char *w) {
    unsigned h = hash(w) % BUCKETS;
    for (struct entry *e = table[h]; e; e = e->next)
        if (strcmp(e->word, w) == 0) {
            e->count++;
            return;
        }
    struct entry *e = malloc(sizeof *e);
    e->word = malloc(strlen(w) + 1);
    strcpy(e->word, w);
    e->count = 1;
    e->next = table[h];
    table[h] = e;
}

int main(void) {
    static const char *syll[] = {"ka", "lo", "mi", "ne", "ru", "to", "sa", "vi", "de", "po",
                                 "ga", "hu"};
    unsigned x = 1;
    char word[64];
    for (int i = 0; i < 600000; i++) {
        int n = 1 + (int)((x >> 7) % 4);
        word[0] = 0;
        for (int k = 0; k < n; k++) {
            x = x * 1664525u + 1013904223u;
            strcat(word, syll[(x >> 13) % 12]);
        }
        add(word);
    }
    long distinct = 0, checksum = 0;
    for (int b = 0; b < BUCKETS; b++)
        for (struct entry *e = table[b]; e; e = e->next) {
            distinct++;
            checksum += (long)e->count * (long)(hash(e->word) % 1000);
        }
    printf("hashtable %ld distinct checksum %ld\n", distinct, checksum);
    return 0;
}
